# mse-import: a header and no records
tool: mse-import
args: tests/data/bad-records-header-only.csv
exit: 1
