module.exports = {
  'node-option': ['import=tsx'],
  timeout: 30000,
  exit: true,
};
