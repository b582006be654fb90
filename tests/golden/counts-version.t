# mse-counts --version
tool: mse-counts
args: --version
exit: 0
