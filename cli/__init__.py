"""The ``rights-engine`` command line (installed as ``rights_engine.cli``; entry point
``rights_engine.cli.main:main``): one module per command (simulate, validate, schema, rules,
batch, serve; explain and compare in analysis), each imported only when its command is used."""
