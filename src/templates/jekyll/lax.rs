//! Ruby Liquid prints nothing for an undefined variable; the `liquid` crate
//! fails. This runtime answers `nil` instead, as Jekyll does.

use liquid_core::model::{KString, KStringCow, KStringRef, ScalarCow, Value, ValueCow};
use liquid_core::runtime::{PartialStore, Registers};
use liquid_core::{Result, Runtime};

/// A runtime whose unknown variables and indexes are `nil`.
pub(crate) struct Lax<'r, R: Runtime + ?Sized>(pub &'r R);

impl<R: Runtime + ?Sized> Runtime for Lax<'_, R> {
    fn partials(&self) -> &dyn PartialStore {
        self.0.partials()
    }

    fn name(&self) -> Option<KStringRef<'_>> {
        self.0.name()
    }

    fn roots(&self) -> std::collections::BTreeSet<KStringCow<'_>> {
        self.0.roots()
    }

    fn try_get(&self, path: &[ScalarCow<'_>]) -> Option<ValueCow<'_>> {
        self.0.try_get(path)
    }

    fn get(&self, path: &[ScalarCow<'_>]) -> Result<ValueCow<'_>> {
        Ok(self.0.try_get(path).unwrap_or(ValueCow::Owned(Value::Nil)))
    }

    fn set_global(&self, name: KString, val: Value) -> Option<Value> {
        self.0.set_global(name, val)
    }

    fn set_index(&self, name: KString, val: Value) -> Option<Value> {
        self.0.set_index(name, val)
    }

    fn get_index<'a>(&'a self, name: &str) -> Option<ValueCow<'a>> {
        self.0.get_index(name)
    }

    fn registers(&self) -> &Registers {
        self.0.registers()
    }
}

/// `{% fwlax %}…{% endfwlax %}`: its body rendered with unknown variables as
/// `nil`. The pre-pass wraps each loop body in it: a loop's own scope (its
/// variable, `forloop`) answers lookups before the [`Lax`] runtime underneath
/// sees them, so `{{ item.missing }}` would otherwise fail the whole loop.
#[derive(Copy, Clone, Debug, Default)]
pub(crate) struct LaxBlock;

impl liquid_core::BlockReflection for LaxBlock {
    fn start_tag(&self) -> &str {
        "fwlax"
    }

    fn end_tag(&self) -> &str {
        "endfwlax"
    }

    fn description(&self) -> &str {
        "a loop body whose unknown variables are nil, inserted by feedwright's pre-pass"
    }
}

impl liquid_core::ParseBlock for LaxBlock {
    fn parse(
        &self,
        mut arguments: liquid_core::TagTokenIter<'_>,
        mut tokens: liquid_core::TagBlock<'_, '_>,
        options: &liquid_core::Language,
    ) -> Result<Box<dyn liquid_core::Renderable>> {
        arguments.expect_nothing()?;
        let body = liquid_core::Template::new(tokens.parse_all(options)?);
        tokens.assert_empty();
        Ok(Box::new(LaxBody(body)))
    }

    fn reflection(&self) -> &dyn liquid_core::BlockReflection {
        self
    }
}

#[derive(Debug)]
struct LaxBody(liquid_core::Template);

impl liquid_core::Renderable for LaxBody {
    fn render_to(&self, writer: &mut dyn std::io::Write, runtime: &dyn Runtime) -> Result<()> {
        self.0.render_to(writer, &Lax(runtime))
    }
}
