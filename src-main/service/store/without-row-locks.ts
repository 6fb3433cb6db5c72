/**
 * SQLite runs one write at a time on its one connection, so a row lock (`select … for update`, which a PostgreSQL
 * one-user write takes, see WriteOptions) has nothing to do there, and SQLite has no such syntax: this Kysely plugin
 * drops the clause from SQLite's statements, so repositories can state the lock once for both engines.
 */
import { SelectQueryNode, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';

export class WithoutRowLocks implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const { node } = args;
    if (!SelectQueryNode.is(node) || !node.endModifiers?.some((modifier) => modifier.modifier === 'ForUpdate')) return node;
    return { ...node, endModifiers: node.endModifiers.filter((modifier) => modifier.modifier !== 'ForUpdate') };
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
