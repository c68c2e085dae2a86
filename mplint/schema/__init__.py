"""Schema checks: the generated CreateModelPackage JSON Schema, as findings for people.

`check` turns jsonschema errors into violations; `gate` answers "valid?" fast before
jsonschema runs; `accel` gets the same errors from jsonschema-rs when installed; `document`
loads the schema; `patterns` reads the API's regexes.
"""
