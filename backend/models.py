"""Every domain's models, imported so Alembic and the mappers see the whole schema."""

