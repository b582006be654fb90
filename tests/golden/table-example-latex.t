# mse-table(1) example: mse-fit data/Western.csv | mse-table -f latex ...
tool: mse-table
args: -f latex -c model,estimate,lower,upper -r 1 -T 'Western: independence model' -C 'Source: SparseMSE'
exit: 0
stdin: tests/data/western-fit.csv
