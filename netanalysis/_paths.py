"""Paths derived from the project root (cookiecutter-data-science style)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE_DATA = PACKAGE_DIR / "_data"
PROJECT_ROOT = PACKAGE_DIR.parent
RAW_DIR = PROJECT_ROOT / "data" / "raw"
PROCESSED_DIR = PROJECT_ROOT / "data" / "processed"
FIGURES_DIR = PROJECT_ROOT / "figures"
SAMPLE_FILE = RAW_DIR / "synthetic_kipris_sample_2004_2020.csv"
