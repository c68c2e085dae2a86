"""A mapping that lacks several required keys gets one finding per missing key."""

from __future__ import annotations


def test_each_missing_required_key_is_reported_once(mplint, write):
    spec = write(
        "spec.yaml",
        """
        ModelPackageGroupName: churn
        ValidationSpecification:
          ValidationRole: arn:aws:iam::123456789012:role/Validation
          ValidationProfiles:
            - ProfileName: nightly
              TransformJobDefinition: {}
        """,
    )
    result = mplint("check", str(spec), "--no-cache", "--format", "json", "--select", "MP1")
    found = [(f["rule"], f["line"], f["column"], f["message"]) for f in result.findings()]
    where = "ValidationSpecification.ValidationProfiles[0].TransformJobDefinition"
    assert found == [
        ("MP102", 6, 7, f"{where} is missing the required key '{key}'")
        for key in ("TransformInput", "TransformOutput", "TransformResources")
    ]
    assert result.code == 1
