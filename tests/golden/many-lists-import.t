# mse-import: reports of 25 lists (mse-sim -r) counted into a sparse table
tool: mse-import
args: -i id -r reported_by -f csv tests/data/records-25-lists.csv
exit: 0
