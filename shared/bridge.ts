// Names of the two IPC channels between the Electron preload and main. Everything that crosses
// them is a contract call or a contract event.
export const INVOKE_CHANNEL = 'ops:invoke';
export const EVENT_CHANNEL = 'ops:event';
