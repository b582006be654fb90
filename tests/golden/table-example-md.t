# mse-table(1) example: mse-counts -q --wide -b group data/kom-annual.csv | mse-table -f md
tool: mse-table
args: -f md
exit: 0
stdin: tests/data/kom-wide.csv
