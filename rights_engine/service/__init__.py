"""The HTTP service: the orientation report over HTTP for case tools, and a page for the worker.

``create_app(settings)`` builds the FastAPI application; ``rights-engine serve`` runs it with
uvicorn. Nothing is stored: a situation lives for the time of its request, and the logs carry
the method, the path, the status and the duration of each request only.
"""

from rights_engine.service.app import create_app
from rights_engine.service.settings import Renderer, ServiceSettings

__all__ = ["Renderer", "ServiceSettings", "create_app"]
