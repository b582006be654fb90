# mse-table --version
tool: mse-table
args: --version
exit: 0
