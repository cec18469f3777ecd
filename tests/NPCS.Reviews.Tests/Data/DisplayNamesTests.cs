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

        // One list parameter, so EF Core can keep the SQL it generated: one parameter per id would
        // give a text per number of ids, generated again at every call.
        Assert.Equal(2, reads.Count);
        Assert.Single(reads.Distinct());
    }
}
