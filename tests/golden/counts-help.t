# mse-counts --help
tool: mse-counts
args: --help
exit: 0
