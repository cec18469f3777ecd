using System.Collections;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using NPCS.Reviews.Application.Data;

namespace NPCS.Reviews.LoadTests;

/// <summary>Where the seed puts what the domain made: through EF Core's SaveChanges, or straight to SQLite.</summary>
internal interface ISeedSink
{
    /// <summary>Takes a new entity (and what its collections hold); after it, the entity has its id if the next step needs it.</summary>
    void Add(object entity);

    /// <summary>Between two workflow steps of a batch (the next step may need the ids of this one's entities).</summary>
    Task StepAsync(CancellationToken ct);

    /// <summary>The batch is done.</summary>
    Task EndBatchAsync(CancellationToken ct);
}

/// <summary>The app's own path: SaveChanges once per step (each a transaction), change detection once per save.</summary>
internal sealed class SaveChangesSink(ReviewsDbContext db) : ISeedSink
{
    public void Add(object entity) => db.Add(entity);

    public async Task StepAsync(CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
    }

    public Task EndBatchAsync(CancellationToken ct) => StepAsync(ct);
}

/// <summary>
/// A bulk insert for SQLite: the entities the domain made are written with one prepared INSERT per
/// table, reused for every row, in one transaction per batch. Everything about the rows comes from the
/// app's EF Core model: the table and column names, and each value's conversion through the provider's
/// own type mapping (the same parameter EF Core would send), so the rows read back exactly as the
/// app's own writes. Ids are given up front (the next after the table's highest), so a child can point
/// at its parent before anything is written, and the children in an entity's collections (a session's
/// participants, an analysis's factors) get their foreign keys as EF Core's fix-up would give them.
/// SaveChanges is not called, so the review history lines it writes are not written: the load visits
/// no history page.
/// </summary>
internal sealed class SqliteBulkSink : ISeedSink
{
    private readonly ReviewsDbContext _db;
    private readonly Dictionary<Type, Table> _tables = [];
    private readonly List<Table> _order = [];
    private readonly HashSet<object> _queued = new(ReferenceEqualityComparer.Instance);

    public SqliteBulkSink(ReviewsDbContext db)
    {
        _db = db;
    }

    public void Add(object entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!_queued.Add(entity))
        {
            return;
        }

        var table = TableOf(entity.GetType());
        if (table.Key.GetGetter().GetClrValue(entity) is 0 or 0L)
        {
            table.SetKey(entity, table.NextId++);
        }

        table.Rows.Add(entity);

        // The collections' children: their foreign key is the parent's key, as EF Core's fix-up sets it.
        foreach (var navigation in table.EntityType.GetNavigations().Where(n => n.IsCollection && !n.IsOnDependent))
        {
            if (navigation.GetGetter().GetClrValue(entity) is not IEnumerable children)
            {
                continue;
            }

            var key = navigation.ForeignKey.PrincipalKey.Properties.Single().GetGetter().GetClrValue(entity);
            var foreignKey = navigation.ForeignKey.Properties.Single();
            foreach (var child in children)
            {
                Table.Set(foreignKey, child, key);
                Add(child);
            }
        }
    }

    public Task StepAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task EndBatchAsync(CancellationToken ct)
    {
        var connection = _db.Database.GetDbConnection();
        await _db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);

            // Parents before children: the tables in the order their first row came.
            foreach (var table in _order)
            {
                table.Write(connection, transaction);
            }

            await transaction.CommitAsync(ct);
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
            _queued.Clear();
        }
    }

    private Table TableOf(Type type)
    {
        if (!_tables.TryGetValue(type, out var table))
        {
            var entityType = _db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            table = new Table(entityType, _db);
            _tables[type] = table;
            _order.Add(table);
        }

        return table;
    }

    private sealed class Table
    {
        private readonly IProperty[] _columns;
        private readonly RelationalTypeMapping[] _mappings;
        private readonly string _sql;

        public Table(IEntityType entityType, ReviewsDbContext db)
        {
            EntityType = entityType;
            if (entityType.GetComplexProperties().Any() || entityType.GetNavigations().Any(n => n.TargetEntityType.IsOwned()))
            {
                throw new NotSupportedException($"{entityType.ClrType.Name}: complex and owned types are not written by the bulk seed.");
            }

            Key = entityType.FindPrimaryKey()?.Properties is [var key] && key.ClrType == typeof(int)
                ? key
                : throw new NotSupportedException($"{entityType.ClrType.Name}: the bulk seed writes tables with one integer key.");
            var name = entityType.GetTableName()!;
            var store = StoreObjectIdentifier.Table(name, entityType.GetSchema());
            _columns = [.. entityType.GetProperties()];
            var shadow = _columns.FirstOrDefault(p => p.IsShadowProperty());
            if (shadow is not null)
            {
                throw new NotSupportedException($"{entityType.ClrType.Name}.{shadow.Name} is a shadow property the bulk seed cannot read.");
            }

            var generated = _columns.FirstOrDefault(p => !p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never);
            if (generated is not null)
            {
                throw new NotSupportedException($"{entityType.ClrType.Name}.{generated.Name} is generated by the database; the bulk seed writes every value itself.");
            }

            _mappings = [.. _columns.Select(p => (RelationalTypeMapping)p.GetTypeMapping())];
            var columns = string.Join(", ", _columns.Select(p => $"\"{p.GetColumnName(store)}\""));
            var values = string.Join(", ", _columns.Select((_, n) => $"@p{n}"));
            _sql = $"INSERT INTO \"{name}\" ({columns}) VALUES ({values});";

            // The next id after the highest there is (SQLite moves an AUTOINCREMENT sequence past an explicit id).
            db.Database.OpenConnection();
            try
            {
                using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = $"SELECT MAX(\"{Key.GetColumnName(store)}\") FROM \"{name}\"";
                NextId = (command.ExecuteScalar() is long highest ? (int)highest : 0) + 1;
            }
            finally
            {
                db.Database.CloseConnection();
            }
        }

        public IEntityType EntityType { get; }

        public IProperty Key { get; }

        public int NextId { get; set; }

        public List<object> Rows { get; } = [];

        public static void Set(IProperty property, object entity, object? value)
        {
            if (property.FieldInfo is { } field)
            {
                field.SetValue(entity, value);
            }
            else
            {
                property.PropertyInfo!.SetValue(entity, value);
            }
        }

        public void SetKey(object entity, int id) => Set(Key, entity, id);

        /// <summary>Every queued row with the one prepared statement (SQLite works synchronously; an await per row would only cost).</summary>
        public void Write(DbConnection connection, DbTransaction transaction)
        {
            if (Rows.Count == 0)
            {
                return;
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = _sql;
            foreach (var row in Rows)
            {
                command.Parameters.Clear();
                for (var n = 0; n < _columns.Length; n++)
                {
                    var property = _columns[n];
                    command.Parameters.Add(_mappings[n].CreateParameter(command, $"@p{n}", property.GetGetter().GetClrValue(row), property.IsNullable));
                }

                command.ExecuteNonQuery();
            }

            Rows.Clear();
        }
    }
}
