#!/bin/sh
# Open a pull request with what scripts/api-model/refresh.sh changed (needs git push rights
# and the GitHub CLI, `gh`, logged in; in the workflow GH_TOKEN does that). The diff it
# printed is the body.
set -eu

cd "$(git rev-parse --show-toplevel)"
version=$(cat build/api-model/version)
branch="api-model/botocore-$version"
git switch -c "$branch"
git add schemas/create-model-package.schema.json pyproject.toml tests
git -c user.name="${GIT_AUTHOR_NAME:-mplint bot}" \
    -c user.email="${GIT_AUTHOR_EMAIL:-mplint-bot@users.noreply.github.com}" \
    commit -q -m "API model: regenerate from botocore $version"
git push -u origin "$branch"
gh pr create --title "API model: botocore $version" --body-file build/api-model/pr-body.md
