# mse-table: a header and no rows is an empty table
tool: mse-table
args: -f md tests/data/bad-header-only.csv
exit: 0
