// Ids in URLs and forms are checked before they reach a query: a string that is not a UUID
// would make PostgreSQL's uuid cast fail (a 500) where the answer is simply "not found".
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string) => UUID.test(value);

/** Matches no row: what an id that is not a UUID is looked up as. */
export const NIL_UUID = "00000000-0000-0000-0000-000000000000";
