"""The generation pipeline of gigstack_async: spec -> generated package (see generate.py)."""
