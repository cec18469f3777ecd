using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Data;

public class DisplayNamesTests(SliceFixture fixture) : SliceTest(fixture, Users.Supervisor)
{
    [Fact]
    public async Task Should_name_only_the_jurisdiction_s_users_with_one_SQL_text_whatever_the_number_of_ids()
    {
        var ids = await Fixture.QueryDbAsync(db => db.Users.IgnoreQueryFilters().ToDictionaryAsync(u => u.Email!, u => u.Id));
        var reads = Fixture.Faults.RecordReads();

        var two = await Fixture.QueryDbAsync(db => db.DisplayNamesAsync([ids[Users.Facilitator], ids[Users.Caseworker]], default));
        var three = await Fixture.QueryDbAsync(db => db.DisplayNamesAsync(
            [ids[Users.Facilitator], ids[Users.Caseworker], ids[Users.Admin], ids[Users.OtherCaseworker], null, ids[Users.Admin]], default));

        Assert.Equal(new[] { ids[Users.Caseworker], ids[Users.Facilitator] }.Order(), two.Keys.Order());

        // Other County's caseworker is left out (the jurisdiction), the null and the repeat are skipped.
        Assert.Equal(new[] { ids[Users.Admin], ids[Users.Caseworker], ids[Users.Facilitator] }.Order(), three.Keys.Order());

        // One SQL text (a compiled query, its places filled up), so EF Core keeps what it generated:
        // one parameter per id would give a text per number of ids, generated again at every call.
        Assert.Equal(2, reads.Count);
        Assert.Single(reads.Distinct());
    }

    [Fact]
    public async Task Should_name_more_people_than_the_compiled_query_takes_with_one_list_parameter()
    {
        var ids = await Fixture.QueryDbAsync(db => db.Users.IgnoreQueryFilters().ToDictionaryAsync(u => u.Email!, u => u.Id));
        string[] unknown = [.. Enumerable.Range(1, 10).Select(n => $"no-such-user-{n}")];
        var reads = Fixture.Faults.RecordReads();

        var nine = await Fixture.QueryDbAsync(db => db.DisplayNamesAsync([ids[Users.Facilitator], ids[Users.OtherCaseworker], .. unknown[..7]], default));
        var twelve = await Fixture.QueryDbAsync(db => db.DisplayNamesAsync([ids[Users.Facilitator], ids[Users.Caseworker], .. unknown], default));

        Assert.Equal([ids[Users.Facilitator]], nine.Keys);
        Assert.Equal(new[] { ids[Users.Caseworker], ids[Users.Facilitator] }.Order(), twelve.Keys.Order());
        Assert.Equal(2, reads.Count);
        Assert.Single(reads.Distinct());
        Assert.DoesNotContain(reads, sql => sql.Contains("@ids1", StringComparison.Ordinal));
    }
}
