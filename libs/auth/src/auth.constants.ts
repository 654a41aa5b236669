export const ADMIN_TOKEN = 'AUTH:ADMIN_TOKEN';
export const ADMIN_ROLES: readonly string[] = ['admin'];
