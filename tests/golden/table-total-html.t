# mse-table: a tbody with a border before the row=total row
tool: mse-table
args: -f html -c row,year,estimate -r 0 tests/data/good-est-row-gap.csv
exit: 0
