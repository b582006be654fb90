# 25 lists with --by and a method that needs every cell: refused per file
args: -m Mt --by year,kjønn tests/data/sim-25-lists-by.csv
exit: 1
