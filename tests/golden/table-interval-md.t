# mse-table --interval: Markdown, English style, a name, the bounds left out
tool: mse-table
args: -f md -I estimate,lower,upper='Estimate (95% CI)' -r 1 -t , tests/data/table-interval.csv
exit: 0
