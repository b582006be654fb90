# mse-table --help
tool: mse-table
args: --help
exit: 0
