//! The built component itself: it imports this package's interfaces and nothing else.

use connectors_update_harness::{COMPONENT, Harness, HarnessError};
use wit_component::DecodedWasm;

#[test]
fn the_component_imports_only_this_package() {
    let decoded = wit_component::decode(COMPONENT).expect("the embedded bytes are a component");
    let DecodedWasm::Component(resolve, world) = decoded else {
        panic!("not a component")
    };
    let world = &resolve.worlds[world];
    let imports: Vec<String> = world
        .imports
        .keys()
        .map(|k| resolve.name_world_key(k))
        .collect();
    let exports: Vec<String> = world
        .exports
        .keys()
        .map(|k| resolve.name_world_key(k))
        .collect();
    assert_eq!(
        imports,
        [
            "workflow:connectors/types@0.2.0",
            "workflow:connectors/credential-store@0.2.0",
            "workflow:connectors/tokens@0.2.0"
        ]
    );
    assert_eq!(
        exports,
        [
            "workflow:connectors/action@0.2.0",
            "workflow:connectors/store-support@0.2.0"
        ]
    );
    assert!(imports.iter().all(|i| !i.starts_with("wasi:")));
}

#[test]
fn bytes_that_are_not_the_component_fail_to_load_with_a_typed_error() {
    let error = Harness::builder()
        .component(b"not wasm")
        .build()
        .unwrap_err();
    assert!(matches!(error, HarnessError::Load(_)), "{error:?}");
    assert_eq!(error.code(), "load-failed");
}
