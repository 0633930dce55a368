//! The `feedwright` command: parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use feedwright::Options;

/// Full-content RSS 2.0, Atom 1.0 and JSON Feed feeds, a sitemap and a page of feeds, from a Hugo, Jekyll or Zola Markdown site.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read the content folder and write the feeds (rss.xml, atom.xml, feed.json, and more as configured).
    Build(BuildArgs),
    /// Validate feeds and sitemaps offline (RSS, Atom, JSON Feed, sitemaps); exit 1 on an error.
    Check(CheckArgs),
    /// Publish each new post to Mastodon, Bluesky, dev.to and WebSub hubs, exactly once.
    Syndicate(SyndicateArgs),
}

#[derive(clap::Args)]
struct SyndicateArgs {
    /// Only these networks (comma-separated; each must be configured).
    #[arg(long, value_name = "NETWORKS", value_delimiter = ',')]
    to: Option<Vec<feedwright::syndicate::Network>>,
    /// Send no POST and write no state; print each request instead (credentials as ***).
    #[arg(long)]
    dry_run: bool,
    /// Record every current post as already published, sending nothing (the first run).
    #[arg(long)]
    seed: bool,
    /// Posts per network in this run [default: syndicate.max_per_run, else 5].
    #[arg(long, value_name = "N")]
    max: Option<usize>,
    /// Read the posts from this RSS, Atom or JSON Feed file or https:// URL instead of the site.
    #[arg(long, value_name = "FEED")]
    from: Option<String>,
    /// How to print the results.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// The posting time, and the instant that decides future posts (RFC 3339) [default: SOURCE_DATE_EPOCH, else the clock].
    #[arg(long, value_name = "RFC3339")]
    now: Option<String>,
    /// The config file [default: feedwright.yaml, when present].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The folder of Markdown content [default: content].
    #[arg(long, value_name = "DIR")]
    content: Option<PathBuf>,
    /// The site's absolute URL, e.g. https://blog.example.org/.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// The files to check; each one's format is detected from its content.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Also say what these platforms will do to each entry on import or post (comma-separated: devto, mastodon, bluesky).
    #[arg(long, value_name = "PLATFORMS", value_delimiter = ',')]
    target: Vec<feedwright::lint::Target>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum OutputFormat {
    /// One `file:line:column: level[code]: message` line per finding.
    Text,
    /// A JSON array of findings.
    Json,
}

#[derive(clap::Args)]
struct BuildArgs {
    /// The site's root folder, where its hugo.toml, _config.yml or config.toml is [default: .].
    #[arg(long, value_name = "DIR")]
    site: Option<PathBuf>,
    /// The folder of Markdown content [default: content, or the generator's].
    #[arg(long, value_name = "DIR")]
    content: Option<PathBuf>,
    /// The folder to write into [default: public, or the generator's].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// The config file [default: feedwright.yaml, when present].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The site's absolute URL, e.g. https://blog.example.org/.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Also write sitemap.xml.
    #[arg(long)]
    sitemap: bool,
    /// Entries per feed; 0 means all [default: 20].
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Include drafts.
    #[arg(long)]
    drafts: bool,
    /// Include posts dated in the future.
    #[arg(long)]
    future: bool,
    /// Include expired posts.
    #[arg(long)]
    expired: bool,
    /// The instant that decides future and expired posts (RFC 3339) [default: SOURCE_DATE_EPOCH, else the clock].
    #[arg(long, value_name = "RFC3339")]
    now: Option<String>,
    /// Skip broken posts with a warning instead of failing.
    #[arg(long)]
    keep_going: bool,
    /// The feed formats to write (comma-separated: rss, atom, json) [default: formats: in the config, else all three].
    #[arg(long, value_name = "FORMATS", value_delimiter = ',')]
    formats: Option<Vec<feedwright::FeedFormat>>,
    /// Also write feeds.html, a page listing every feed.
    #[arg(long)]
    html: bool,
    /// Print the feeds' autodiscovery <link> tags, for a theme's <head>.
    #[arg(long)]
    print_discovery: bool,
    /// Say more: the terms merged into one feed.
    #[arg(short, long)]
    verbose: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        Command::Syndicate(args) => syndicate(args),
    }
}

fn syndicate(args: SyndicateArgs) -> ExitCode {
    let json = matches!(args.format, OutputFormat::Json);
    let options = feedwright::syndicate::SyndicateOptions {
        to: args.to,
        dry_run: args.dry_run,
        seed: args.seed,
        max: args.max,
        from: args.from,
        json,
        now: args.now,
        config_file: args.config,
        content_dir: args.content,
        base_url: args.base_url,
    };
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    match feedwright::syndicate::run(&options, &mut stdout, &mut stderr) {
        Ok(summary) => ExitCode::from(summary.exit_code()),
        Err(error) => {
            for line in error.reports() {
                eprintln!("error: {line}");
            }
            if json {
                println!("[]");
            }
            ExitCode::from(error.exit_code() as u8)
        }
    }
}

fn check(args: CheckArgs) -> ExitCode {
    use feedwright_check::{check_file, Level};
    let findings: Vec<_> = args
        .files
        .iter()
        .flat_map(|path| check_file(path))
        .collect();
    let mut platform_findings = Vec::new();
    for target in &args.target {
        for path in &args.files {
            let Ok(bytes) = std::fs::read(path) else {
                continue; // The check above reported it.
            };
            let name = path.display().to_string();
            match feedwright::lint::lint(&name, &bytes, *target) {
                Ok(found) => platform_findings.extend(found),
                Err(message) => {
                    eprintln!("{name}: cannot read it as a feed for {target}: {message}")
                }
            }
        }
    }
    match args.format {
        OutputFormat::Text => {
            for finding in &findings {
                println!("{finding}");
            }
            for finding in &platform_findings {
                println!("{finding}");
            }
        }
        OutputFormat::Json => {
            let mut all: Vec<serde_json::Value> = Vec::new();
            for finding in &findings {
                all.extend(serde_json::to_value(finding).ok());
            }
            for finding in &platform_findings {
                all.extend(serde_json::to_value(finding).ok());
            }
            match serde_json::to_string_pretty(&all) {
                Ok(json) => println!("{json}"),
                Err(e) => {
                    eprintln!("error: cannot write JSON: {e}");
                    return ExitCode::from(2);
                }
            }
        }
    }
    let errors = findings.iter().filter(|f| f.level == Level::Error).count();
    let warnings = findings.len() - errors + platform_findings.len();
    eprintln!(
        "feedwright: checked {} files: {errors} errors, {warnings} warnings",
        args.files.len()
    );
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `feedwright: 7 pages, 4 entries in the site's feed; wrote rss.xml, …`: the
/// site's files by name, the sections' and terms' counted.
fn written_line(report: &feedwright::Report) -> String {
    const NAMED: usize = 8;
    let mut line = format!(
        "feedwright: {} pages, {} feed entries; wrote {}",
        report.pages,
        report.entries,
        report
            .written
            .iter()
            .take(NAMED)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    );
    if report.written.len() > NAMED {
        line.push_str(&format!(" and {} more files", report.written.len() - NAMED));
    }
    line
}

fn build(args: BuildArgs) -> ExitCode {
    let options = Options {
        content_dir: args.content,
        out_dir: args.out,
        config_file: args.config,
        base_url: args.base_url,
        sitemap: args.sitemap,
        limit: args.limit,
        drafts: args.drafts,
        future: args.future,
        expired: args.expired,
        now: args.now,
        keep_going: args.keep_going,
        site_dir: args.site,
        formats: args.formats,
        html: args.html,
    };
    match feedwright::build(&options) {
        Ok(report) => {
            for note in &report.notes {
                eprintln!("feedwright: {note}");
            }
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            if args.verbose {
                for detail in &report.details {
                    eprintln!("feedwright: {detail}");
                }
            }
            if args.print_discovery {
                print!("{}", report.discovery_tags());
            }
            eprintln!("{}", written_line(&report));
            ExitCode::SUCCESS
        }
        Err(error) => {
            for line in error.reports() {
                eprintln!("error: {line}");
            }
            if let feedwright::Error::Many(errors) = &error {
                eprintln!(
                    "feedwright: {} files have errors; nothing was written",
                    errors.len()
                );
            } else {
                eprintln!("feedwright: nothing was written");
            }
            ExitCode::from(error.exit_code() as u8)
        }
    }
}
