//! `{% fwinclude k=v … %}…{% endfwinclude %}`: an include's file, inlined by
//! the pre-pass, rendered with its parameters as `include.*` (Jekyll's syntax,
//! `k="v"`, `k='v'` or `k=variable`).

use std::io::Write;

use liquid_core::model::{KString, Object, Value};
use liquid_core::runtime::StackFrame;
use liquid_core::{
    BlockReflection, Expression, Language, ParseBlock, Renderable, Result, Runtime, TagBlock,
    TagTokenIter, Template,
};

/// The block the pre-pass wraps an inlined include in.
#[derive(Copy, Clone, Debug, Default)]
pub(crate) struct IncludeBlock;

impl BlockReflection for IncludeBlock {
    fn start_tag(&self) -> &str {
        "fwinclude"
    }

    fn end_tag(&self) -> &str {
        "endfwinclude"
    }

    fn description(&self) -> &str {
        "an include inlined by feedwright's pre-pass"
    }
}

impl ParseBlock for IncludeBlock {
    fn parse(
        &self,
        mut arguments: TagTokenIter<'_>,
        mut tokens: TagBlock<'_, '_>,
        options: &Language,
    ) -> Result<Box<dyn Renderable>> {
        let mut vars: Vec<(KString, Expression)> = Vec::new();
        while let Ok(next) = arguments.expect_next("") {
            let id = next.expect_identifier().into_result()?.to_owned();
            arguments
                .expect_next("\"=\" expected.")?
                .expect_str("=")
                .into_result_custom_msg("expected \"=\" to be used for the assignment")?;
            vars.push((
                id.into(),
                arguments
                    .expect_next("expected value")?
                    .expect_value()
                    .into_result()?,
            ));
        }
        let template = Template::new(tokens.parse_all(options)?);
        tokens.assert_empty();
        Ok(Box::new(Include { vars, template }))
    }

    fn reflection(&self) -> &dyn BlockReflection {
        self
    }
}

#[derive(Debug)]
struct Include {
    vars: Vec<(KString, Expression)>,
    template: Template,
}

impl Renderable for Include {
    fn render_to(&self, writer: &mut dyn Write, runtime: &dyn Runtime) -> Result<()> {
        let mut include = Object::new();
        for (id, value) in &self.vars {
            let value = value
                .try_evaluate(runtime)
                .map(|v| v.into_owned())
                .unwrap_or(Value::Nil);
            include.insert(id.clone(), value);
        }
        let mut scope = Object::new();
        scope.insert("include".into(), Value::Object(include));
        let frame = StackFrame::new(runtime, &scope);
        // `include.missing` is nil, as everywhere in Jekyll's Liquid.
        self.template.render_to(writer, &super::lax::Lax(&frame))
    }
}
