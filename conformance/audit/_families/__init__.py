"""The spec audit's rule families, one module each (as oasdiff's checker): each detector is registered with
`conformance.audit._detectors.detects` under the rule ids it emits, every id written literally in its module.

`operations` (operations added, removed, deprecated, renamed) leads to `security`, `parameters`, `bodies` and
`responses`; those reach `content` and `schemas`, whose `constraints`, `objects` and `variants` judge a value's
constraints by direction; `deprecation` and `document` (documentation, examples, extensions, servers, anything
else) serve them all.
"""
