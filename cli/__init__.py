"""The ``rights-engine`` command line (installed as ``rights_engine.cli``; entry point
``rights_engine.cli.main:main``): simulate, validate, schema, rules."""
