# mse-table --interval: HTML, no-break spaces, a rule before the total
tool: mse-table
args: -f html -I estimate,lower,upper -r 0 -t ' ' -c year,estimate,lower tests/data/table-interval.csv
exit: 0
