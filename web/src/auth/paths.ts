/** The path of the app that the issuer sends the browser back to after signing in. */
export const CALLBACK_PATH = '/signed-in';
