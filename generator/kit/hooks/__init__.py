"""Standard-library modules the kit pastes into its cookiecutter hooks."""
