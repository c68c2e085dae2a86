#!/bin/sh
# Regenerate mplint's bundled API model from the newest botocore (or BOTOCORE=VERSION).
#
# Runs the same locally and in .github/workflows/api-model.yml. In a throwaway venv it
# installs botocore and this checkout, writes the diff between the committed model and the
# new one to build/api-model/diff.md (the pull request's body), then regenerates
# schemas/create-model-package.schema.json, the botocore pin of the `test` extra, the test
# fixture derived from it and the report snapshots. Prints `changed=yes|no` last (also
# appended to $GITHUB_OUTPUT when set).
set -eu

cd "$(git rev-parse --show-toplevel)"
out=build/api-model
mkdir -p "$out"
venv="${API_MODEL_VENV:-$out/venv}"
python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip
"$venv/bin/pip" install -q -e '.[test]' "botocore${BOTOCORE:+==$BOTOCORE}"
if [ -z "${BOTOCORE:-}" ]; then
    "$venv/bin/pip" install -q --upgrade botocore  # the test extra pins the old release
fi
new=$("$venv/bin/python" -c 'import botocore; print(botocore.__version__)')
old=$("$venv/bin/python" -c 'from mplint.apimodel.sources import bundled_version; print(bundled_version())')
echo "bundled model: botocore $old; newest: botocore $new"

changed=no
if [ "$new" != "$old" ]; then
    # Compare before regenerating: `bundled` is the committed schema.
    "$venv/bin/mplint" api-model diff bundled installed > "$out/diff.md"
    "$venv/bin/mplint" api-model generate installed -o schemas/create-model-package.schema.json
    sed -i.bak "s/\"botocore==$old\"/\"botocore==$new\"/" pyproject.toml && rm -f pyproject.toml.bak
    "$venv/bin/python" tests/data/apimodel/trim.py
    MPLINT_UPDATE_SNAPSHOTS=1 "$venv/bin/python" -m pytest -q tests/test_reports.py >/dev/null
    {
        echo "Regenerated from botocore $new (was $old) by scripts/api-model/refresh.sh."
        echo
        cat "$out/diff.md"
    } > "$out/pr-body.md"
    echo "$new" > "$out/version"
    if ! git diff --quiet -- schemas pyproject.toml tests; then
        changed=yes
    fi
fi
echo "changed=$changed"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "changed=$changed" >> "$GITHUB_OUTPUT"
fi
