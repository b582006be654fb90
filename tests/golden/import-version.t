# mse-import --version
tool: mse-import
args: --version
exit: 0
