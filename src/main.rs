//! The `feedwright` command: parses arguments and calls the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use feedwright::report::{self, ColorChoice, Printer, Styles, Verbosity};
use feedwright::Options;

/// The exit codes, the same for every command; shown by `--help`.
const EXIT_CODES: &str = "\
Exit codes (every command):
  0  success
  1  content or output errors (a broken post, an invalid feed, an output out of date)
  2  usage or configuration errors (a wrong flag, a missing file, a bad feedwright.yaml)";

/// Full-content RSS 2.0, Atom 1.0 and JSON Feed feeds, a sitemap and a page of feeds, from a Hugo, Jekyll or Zola site.
#[derive(Parser)]
#[command(version, about, after_help = EXIT_CODES, propagate_version = true)]
struct Cli {
    /// Print errors only.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print what happened to every page, and why.
    #[arg(short, long, global = true)]
    verbose: bool,
    /// When to colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, global = true, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    color: ColorArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read the content folder and write the feeds (rss.xml, atom.xml, feed.json, and more as configured).
    #[command(after_help = EXIT_CODES)]
    Build(BuildArgs),
    /// List what a build would publish: each page's UTC date, title, permalink, feeds and fate; writes nothing.
    #[command(after_help = EXIT_CODES)]
    List(ListArgs),
    /// Validate feeds and sitemaps (RSS, Atom, JSON Feed, sitemaps), files or URLs; exit 1 on an error.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Publish each new post to Mastodon, Bluesky, dev.to and WebSub hubs, exactly once.
    #[command(after_help = EXIT_CODES)]
    Syndicate(SyndicateArgs),
    /// Write a commented feedwright.yaml for the site here, from its Hugo, Jekyll or Zola configuration; never overwrites one.
    #[command(after_help = EXIT_CODES)]
    Init {
        /// The site's root folder [default: .].
        #[arg(long, value_name = "DIR")]
        site: Option<PathBuf>,
    },
    /// Print a shell's completion script (bash, zsh, fish, powershell, elvish).
    #[command(after_help = EXIT_CODES)]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write one per command into a folder.
    #[command(after_help = EXIT_CODES)]
    Man {
        /// Write feedwright.1 and feedwright-COMMAND.1 into this folder instead.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
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
    #[arg(long, value_enum, default_value_t = ResultFormat::Text)]
    format: ResultFormat,
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

#[derive(Clone, Copy, ValueEnum)]
enum ResultFormat {
    /// A line per result.
    Text,
    /// A JSON array of results.
    Json,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// The files to check, or URLs to fetch and check where they are served
    /// (https, or http on this machine); each one's format is detected from its content.
    #[arg(required = true, value_name = "FILE|URL")]
    files: Vec<PathBuf>,
    /// For URLs: the longest a request may take.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    timeout: u64,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = MessageFormat::Text)]
    format: MessageFormat,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Also say what these platforms will do to each entry on import or post (comma-separated: devto, mastodon, bluesky).
    #[arg(long, value_name = "PLATFORMS", value_delimiter = ',')]
    target: Vec<feedwright::lint::Target>,
}

/// How errors, warnings and findings are printed.
#[derive(Clone, Copy, ValueEnum)]
enum MessageFormat {
    /// For a person, on standard error: `file:line:column: level[code]: message`, with the source line where known.
    Text,
    /// A JSON array on standard output.
    Json,
    /// GitHub Actions workflow commands on standard output (`::error file=…,line=…::message`): annotations on a pull request.
    Github,
    /// A GitLab Code Quality report (JSON) on standard output: findings on a merge request.
    Gitlab,
}

/// What a build reads and publishes: the options `build` and `list` share.
#[derive(clap::Args)]
struct SiteArgs {
    /// The site's root folder, where its hugo.toml, _config.yml or config.toml is [default: .].
    #[arg(long, value_name = "DIR")]
    site: Option<PathBuf>,
    /// The folder of Markdown content [default: content, or the generator's].
    #[arg(long, value_name = "DIR")]
    content: Option<PathBuf>,
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
}

impl SiteArgs {
    fn options(self) -> Options {
        Options {
            content_dir: self.content,
            config_file: self.config,
            base_url: self.base_url,
            sitemap: self.sitemap,
            limit: self.limit,
            drafts: self.drafts,
            future: self.future,
            expired: self.expired,
            now: self.now,
            keep_going: self.keep_going,
            site_dir: self.site,
            ..Options::default()
        }
    }
}

#[derive(clap::Args)]
struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The folder to write into [default: public, or the generator's].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Build in memory and write nothing; exit 1 naming each output that differs from the file on disk.
    #[arg(long)]
    check: bool,
    /// How to print errors and warnings.
    #[arg(long, value_enum, default_value_t = MessageFormat::Text)]
    format: MessageFormat,
    /// Write the feeds even when the site's feed has no entries (otherwise an error saying why).
    #[arg(long)]
    allow_empty: bool,
    /// Print each content file and its page's URL, tab-separated, on standard output.
    #[arg(long)]
    print_urls: bool,
    /// The feed formats to write (comma-separated: rss, atom, json) [default: formats: in the config, else all three].
    #[arg(long, value_name = "FORMATS", value_delimiter = ',')]
    formats: Option<Vec<feedwright::FeedFormat>>,
    /// Also write feeds.html, a page listing every feed.
    #[arg(long)]
    html: bool,
    /// Print the site feeds' autodiscovery <link> tags on standard output, for a theme's <head>.
    #[arg(long)]
    print_discovery: bool,
}

impl BuildArgs {
    /// The build's options; `verbose` asks for every page's fate.
    fn options(self, verbose: bool) -> Options {
        Options {
            out_dir: self.out,
            allow_empty: self.allow_empty,
            print_urls: self.print_urls,
            formats: self.formats,
            html: self.html,
            print_discovery: self.print_discovery,
            fates: verbose,
            ..self.site.options()
        }
    }
}

#[derive(clap::Args)]
struct ListArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// How to print the pages: a table, or a JSON array.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    /// A table: date (UTC), title, permalink, feeds, fate.
    #[value(alias = "table")]
    Text,
    /// A JSON array of pages, each with its fate and why.
    Json,
}

fn main() -> ExitCode {
    // clap's own help and usage errors follow `--color` too, which it has
    // to be told before it parses anything.
    let clap_color = match color_flag(std::env::args_os()) {
        Some(ColorArg::Always) => clap::ColorChoice::Always,
        Some(ColorArg::Never) => clap::ColorChoice::Never,
        _ => clap::ColorChoice::Auto,
    };
    let matches = Cli::command().color(clap_color).get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let color = match cli.color {
        ColorArg::Auto => ColorChoice::Auto,
        ColorArg::Always => ColorChoice::Always,
        ColorArg::Never => ColorChoice::Never,
    };
    let verbosity = match (cli.quiet, cli.verbose) {
        (true, _) => Verbosity::Quiet,
        (_, true) => Verbosity::Verbose,
        _ => Verbosity::Normal,
    };
    let (mut stdout, mut stderr) = (std::io::stdout().lock(), std::io::stderr().lock());
    let mut printer = Printer {
        out: &mut stdout,
        err: &mut stderr,
        format: report::Format::Text,
        styles: Styles::new(color.colors_stderr()),
        out_styles: Styles::new(color.colors(
            std::io::stdout().is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
            std::env::var_os("TERM").as_deref(),
        )),
        verbosity,
        workspace: std::env::var_os("GITHUB_WORKSPACE")
            .or_else(|| std::env::var_os("CI_PROJECT_DIR"))
            .map(PathBuf::from),
    };
    let code = match cli.command {
        Command::Build(args) => {
            printer.format = message_format(args.format);
            let check = args.check;
            let options = args.options(verbosity == Verbosity::Verbose);
            feedwright::commands::build(&options, check, &mut printer)
        }
        Command::Check(args) => {
            printer.format = message_format(args.format);
            let timeout = std::time::Duration::from_secs(args.timeout);
            feedwright::commands::check(
                &args.files,
                args.deny_warnings,
                timeout,
                &args.target,
                &mut printer,
            )
        }
        Command::Syndicate(args) => {
            let options = feedwright::syndicate::SyndicateOptions {
                to: args.to,
                dry_run: args.dry_run,
                seed: args.seed,
                max: args.max,
                from: args.from,
                json: matches!(args.format, ResultFormat::Json),
                now: args.now,
                config_file: args.config,
                content_dir: args.content,
                base_url: args.base_url,
            };
            feedwright::commands::syndicate(&options, &mut printer)
        }
        Command::List(args) => {
            let json = matches!(args.format, ListFormat::Json);
            feedwright::commands::list(&args.site.options(), json, &mut printer)
        }
        Command::Init { site } => feedwright::commands::init(site.as_deref(), &mut printer),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "feedwright", printer.out);
            report::exit::OK
        }
        Command::Man { dir } => man(dir, &mut printer),
    };
    ExitCode::from(code)
}

/// The last `--color WHEN` (or `--color=WHEN`) among `args`, read before
/// clap parses them.
fn color_flag(args: impl Iterator<Item = std::ffi::OsString>) -> Option<ColorArg> {
    let mut found = None;
    let mut args = args.skip(1);
    while let Some(arg) = args.next() {
        let value = match arg.to_str() {
            Some("--") => break,
            Some("--color") => args.next(),
            Some(text) => text.strip_prefix("--color=").map(Into::into),
            None => None,
        };
        if let Some(value) = value {
            found = ColorArg::from_str(&value.to_string_lossy(), false)
                .ok()
                .or(found);
        }
    }
    found
}

fn message_format(format: MessageFormat) -> report::Format {
    match format {
        MessageFormat::Text => report::Format::Text,
        MessageFormat::Json => report::Format::Json,
        MessageFormat::Github => report::Format::Github,
        MessageFormat::Gitlab => report::Format::Gitlab,
    }
}

/// `feedwright man`: the page on standard output, or every command's page in `dir`.
fn man(dir: Option<PathBuf>, printer: &mut Printer<'_>) -> u8 {
    let written = match &dir {
        None => clap_mangen::Man::new(Cli::command()).render(printer.out),
        Some(dir) => std::fs::create_dir_all(dir)
            .and_then(|()| clap_mangen::generate_to(Cli::command(), dir)),
    };
    match written {
        Ok(()) => report::exit::OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => report::exit::OK,
        Err(e) => {
            let place = dir
                .map(|d| format!("{}: ", d.display()))
                .unwrap_or_default();
            printer.messages(&[report::Message::new(
                report::Severity::Error,
                format!("{place}cannot write the man page: {e}"),
            )]);
            report::exit::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `feedwright …` command line in the fenced blocks of `text` (a
    /// shell line, a workflow's `run:`, or an action's `args:`), as words,
    /// without its comment or redirection.
    fn documented_commands(text: &str) -> Vec<Vec<String>> {
        let mut commands = Vec::new();
        let mut in_block = false;
        for line in text.lines() {
            if line.trim_start().starts_with("```") {
                in_block = !in_block;
                continue;
            }
            if !in_block {
                continue;
            }
            let line = line.trim_start().trim_start_matches("- ").trim_start();
            let line = line.strip_prefix("run: ").unwrap_or(line);
            let line = match line.strip_prefix("args: ") {
                Some(args) => format!("feedwright {args}"),
                None => line.to_string(),
            };
            // A synopsis (`feedwright syndicate [--to LIST]`) is not a command.
            if !line.starts_with("feedwright ") || line.contains(" [") {
                continue;
            }
            let command = line.split(" #").next().unwrap_or(&line);
            let command = command.split(['>', '|']).next().unwrap_or(command);
            commands.push(command.split_whitespace().map(String::from).collect());
        }
        commands
    }

    #[test]
    fn every_command_in_the_readme_and_the_ci_guide_parses() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen = Vec::new();
        for doc in ["README.md", "docs/ci.md", "docs/syndicate.md"] {
            let text = std::fs::read_to_string(root.join(doc)).unwrap();
            for words in documented_commands(&text) {
                if let Err(e) = Cli::try_parse_from(&words) {
                    panic!("{doc}: `{}` does not parse:\n{e}", words.join(" "));
                }
                seen.push(words.join(" "));
            }
        }
        // The CI guide's jobs: a build, and a check that annotates a pull request.
        for expected in [
            "feedwright build --sitemap --format github",
            "feedwright check --format github public/rss.xml public/atom.xml public/sitemap.xml",
            "feedwright build --check --format github",
            "feedwright completions powershell",
            "feedwright build --sitemap --format gitlab",
            "feedwright check --format gitlab public/rss.xml public/atom.xml public/sitemap.xml",
        ] {
            assert!(
                seen.iter().any(|s| s == expected),
                "no {expected:?} in {seen:#?}"
            );
        }
    }

    #[test]
    fn the_readme_lists_the_exit_codes_of_help() {
        let readme = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"),
        )
        .unwrap();
        let readme = readme.split_whitespace().collect::<Vec<_>>().join(" ");
        for (code, meaning) in [
            ("0", "success"),
            ("1", "content or output errors"),
            ("2", "usage or configuration errors"),
        ] {
            assert!(EXIT_CODES.contains(&format!("{code}  {meaning}")));
            assert!(
                readme.contains(&format!("`{code}` {meaning}")),
                "README: no `{code}` {meaning}"
            );
        }
    }
}
