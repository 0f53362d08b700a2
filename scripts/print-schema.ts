import { writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../src/graphql/schema.ts';

// The committed schema.graphql is the API contract; review its diff as the API diff.
writeFileSync(new URL('../schema.graphql', import.meta.url), printSchema(lexicographicSortSchema(schema)) + '\n');
