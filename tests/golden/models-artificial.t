# every model of Artificial_3, with non-existent ones named (Chan et al. 2021, Table 2)
tool: mse-models
args: -f csv -D 8 --sort none data/Artificial_3.csv
exit: 0
