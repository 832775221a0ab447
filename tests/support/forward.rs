//! One forwarding wrapper for the suite's test stores. A test store that
//! changes some calls of a real store implements [`Wraps`]: it names the
//! store it wraps and overrides only the calls it changes; the others go to
//! that store through the trait's defaults. [`forward_store!`] then makes it
//! a `CredentialStore` whose every method is the `Wraps` one, so that no
//! test store forwards the five methods by hand.

use connectors_update_harness::connector::{
    Change, Connector, ConnectorSummary, WriteMode, WriteReceipt,
};
use connectors_update_harness::kinds::KindRules;
use connectors_update_harness::{Caller, CredentialStore, StoreError};

/// A test store over a real one: each method forwards to [`Wraps::inner`]
/// unless the store overrides it (the methods mirror `CredentialStore`'s).
pub trait Wraps: Send + Sync {
    /// The store the calls this store does not change go to.
    fn inner(&self) -> &dyn CredentialStore;

    fn get(&self, caller: &Caller, id: &str) -> Result<Connector, StoreError> {
        self.inner().get(caller, id)
    }

    fn find_by_name(
        &self,
        caller: &Caller,
        name: &str,
    ) -> Result<Vec<ConnectorSummary>, StoreError> {
        self.inner().find_by_name(caller, name)
    }

    fn rules(&self, caller: &Caller, kind: &str) -> Result<Option<KindRules>, StoreError> {
        self.inner().rules(caller, kind)
    }

    fn kinds(&self, caller: &Caller) -> Result<Vec<KindRules>, StoreError> {
        self.inner().kinds(caller)
    }

    fn write(
        &self,
        caller: &Caller,
        id: &str,
        expected: u64,
        changes: &[Change],
        mode: WriteMode,
    ) -> Result<WriteReceipt, StoreError> {
        self.inner().write(caller, id, expected, changes, mode)
    }
}

/// `impl CredentialStore for T` for each [`Wraps`] store `T`: every method
/// is `T`'s `Wraps` one (a trait of this crate cannot be implemented for
/// every `Wraps` at once: `CredentialStore` is the harness's).
macro_rules! forward_store {
    ($($store:ty),+ $(,)?) => {$(
        impl ::connectors_update_harness::CredentialStore for $store {
            fn get(
                &self,
                caller: &::connectors_update_harness::Caller,
                id: &str,
            ) -> Result<
                ::connectors_update_harness::connector::Connector,
                ::connectors_update_harness::StoreError,
            > {
                $crate::support::forward::Wraps::get(self, caller, id)
            }

            fn find_by_name(
                &self,
                caller: &::connectors_update_harness::Caller,
                name: &str,
            ) -> Result<
                Vec<::connectors_update_harness::connector::ConnectorSummary>,
                ::connectors_update_harness::StoreError,
            > {
                $crate::support::forward::Wraps::find_by_name(self, caller, name)
            }

            fn rules(
                &self,
                caller: &::connectors_update_harness::Caller,
                kind: &str,
            ) -> Result<
                Option<::connectors_update_harness::kinds::KindRules>,
                ::connectors_update_harness::StoreError,
            > {
                $crate::support::forward::Wraps::rules(self, caller, kind)
            }

            fn kinds(
                &self,
                caller: &::connectors_update_harness::Caller,
            ) -> Result<
                Vec<::connectors_update_harness::kinds::KindRules>,
                ::connectors_update_harness::StoreError,
            > {
                $crate::support::forward::Wraps::kinds(self, caller)
            }

            fn write(
                &self,
                caller: &::connectors_update_harness::Caller,
                id: &str,
                expected: u64,
                changes: &[::connectors_update_harness::connector::Change],
                mode: ::connectors_update_harness::connector::WriteMode,
            ) -> Result<
                ::connectors_update_harness::connector::WriteReceipt,
                ::connectors_update_harness::StoreError,
            > {
                $crate::support::forward::Wraps::write(self, caller, id, expected, changes, mode)
            }
        }
    )+};
}
pub(crate) use forward_store;
