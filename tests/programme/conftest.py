from tests.programme.importing import cohort, organiser, session  # noqa: F401  (fixtures of the import tests)
