//! Inputs the fuzz targets found bugs with, each kept as a small test with the literal input.

