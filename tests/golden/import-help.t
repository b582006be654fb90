# mse-import --help
tool: mse-import
args: --help
exit: 0
