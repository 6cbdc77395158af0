// The plugin's commands are found by oclif under lib/commands; nothing else is exported.
export default {};
