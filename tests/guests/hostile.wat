;; A purpose-built, hostile implementation of the connectors-update world,
;; for testing the harness's limits (never the product). Its `execute` does
;; what the first letter of the step's EntryId says:
;;   l  loops forever            g  grows its memory without end
;;   p  panics (`unreachable`)    s  recurses until the stack overflows
;;   w  leaves a mark: a word at 2048 and a second page of memory
;;   r  panics if it finds a mark a previous call left (instances are fresh)
;;   b  reads at 65544, beyond its one page, where `w` wrote in a grown page
;;   e  reads past the end of the 32-bit address space (address -1, offset 8)
;;   z  divides by zero
;;   anything else: returns an empty outcome.
;; `describe`, `validate` and `validate-json` return all-zero results (`ok` with empty strings
;; and lists). The step's flat parameters: entry-id, properties and
;; properties-json (pointer and length each), expected-revision (case, value),
;; dry-run, merge-mode.
(module
  (memory (export "memory") 1)
  ;; Results are read from 1024..2048, which nothing writes: all zero.
  (global $heap (mut i32) (i32.const 4096))

  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    ;; Round the heap up to the alignment, take the size.
    (local.set $p
      (i32.and
        (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
        (i32.xor (i32.sub (local.get 2) (i32.const 1)) (i32.const -1))))
    (global.set $heap (i32.add (local.get $p) (local.get 3)))
    (block $enough
      (loop $more
        (br_if $enough
          (i32.le_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536))))
        (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then unreachable))
        (br $more)))
    (local.get $p))

  (func $recurse (result i32) (call $recurse))

  (func (export "workflow:connectors/action@0.2.0#describe") (result i32)
    (i32.const 1024))

  (func (export "workflow:connectors/action@0.2.0#parse-step") (param i32 i32) (result i32)
    unreachable)

  (func (export "workflow:connectors/action@0.2.0#validate-json") (param i32 i32) (result i32)
    (i32.const 1024))

  (func (export "workflow:connectors/action@0.2.0#validate")
    (param i32 i32 i32 i32 i32 i32 i32 i64 i32 i32) (result i32)
    (i32.const 1024))

  (func (export "workflow:connectors/action@0.2.0#execute")
    (param i32 i32 i32 i32 i32 i32 i32 i64 i32 i32) (result i32)
    (local $c i32)
    (if (i32.eqz (local.get 1)) (then (return (i32.const 1024))))
    (local.set $c (i32.load8_u (local.get 0)))
    ;; l: loop
    (if (i32.eq (local.get $c) (i32.const 108))
      (then (loop $spin (br $spin))))
    ;; g: grow 1 MiB at a time, forever
    (if (i32.eq (local.get $c) (i32.const 103))
      (then (loop $grow (drop (memory.grow (i32.const 16))) (br $grow))))
    ;; p: panic
    (if (i32.eq (local.get $c) (i32.const 112))
      (then unreachable))
    ;; s: stack overflow
    (if (i32.eq (local.get $c) (i32.const 115))
      (then (drop (call $recurse))))
    ;; w: leave a mark in this instance's memory
    (if (i32.eq (local.get $c) (i32.const 119))
      (then
        (i32.store (i32.const 2048) (i32.const 0xC0FFEE))
        (drop (memory.grow (i32.const 1)))
        (i32.store (i32.const 65544) (i32.const 0xC0FFEE))))
    ;; b: read beyond the memory's end, where a previous call's page was
    (if (i32.eq (local.get $c) (i32.const 98))
      (then (drop (i32.load (i32.const 65544)))))
    ;; e: read past the end of the address space
    (if (i32.eq (local.get $c) (i32.const 101))
      (then (drop (i32.load offset=8 (i32.const -1)))))
    ;; z: divide by zero
    (if (i32.eq (local.get $c) (i32.const 122))
      (then (drop (i32.div_u (i32.const 1) (i32.sub (local.get $c) (i32.const 122))))))
    ;; r: find no mark
    (if (i32.eq (local.get $c) (i32.const 114))
      (then
        (if (i32.ne (i32.load (i32.const 2048)) (i32.const 0)) (then unreachable))
        (if (i32.ne (memory.size) (i32.const 1)) (then unreachable))))
    (i32.const 1024))
)
