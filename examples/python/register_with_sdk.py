"""Register the churn model from a SageMaker pipeline with the SageMaker Python SDK.

mplint maps the register() keywords to the CreateModelPackage request as the SDK does
(docs/python.md) and finds the instance type that does not exist.
"""

from sagemaker.model import Model
from sagemaker.workflow.model_step import ModelStep
from sagemaker.workflow.parameters import ParameterString

approval = ParameterString(name="ModelApprovalStatus", default_value="PendingManualApproval")


def register_step(session, role, image_uri, train_step):
    model = Model(
        image_uri=image_uri,
        model_data=train_step.properties.ModelArtifacts.S3ModelArtifacts,
        role=role,
        sagemaker_session=session,
    )
    return ModelStep(
        name="RegisterChurn",
        step_args=model.register(
            content_types=["text/csv"],
            response_types=["text/csv"],
            inference_instances=["ml.m5.large"],
            transform_instances=["ml.m5.2xlarg"],
            model_package_group_name="customer-churn",
            approval_status=approval,
            description="Churn classifier",
            domain="MACHINE_LEARNING",
            task="CLASSIFICATION",
        ),
    )
