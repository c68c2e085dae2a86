"""mplint: a policy and lint checker for Amazon SageMaker model package specifications."""

__version__ = "0.1.0"
