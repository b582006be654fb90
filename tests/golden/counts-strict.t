# mse-counts --strict: gaps are errors, nothing on stdout
tool: mse-counts
args: --strict data/kom-annual.csv
exit: 1
