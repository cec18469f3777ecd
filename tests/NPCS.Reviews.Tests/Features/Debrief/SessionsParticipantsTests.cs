using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Features.Debrief;
using NPCS.Reviews.Domain;
using NPCS.Reviews.Domain.Reviews;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Features.Debrief;

public class SessionsParticipantsTests(SliceFixture fixture) : SliceTest(fixture, Users.Facilitator)
{
    private async Task<(int Id, int SessionId)> SessionAsync()
    {
        var id = await Fixture.ReviewAtAsync(ReviewStage.Debrief);
        return (id, await Fixture.ScheduleAsync(id, Today.AddDays(1)));
    }

    [Fact]
    public async Task Should_add_staff_and_outside_participants_and_show_them_on_the_session()
    {
        var (id, sessionId) = await SessionAsync();

        await Fixture.AddStaffAsync(id, sessionId, Users.Caseworker, "  Investigator  ");
        await Fixture.SendAsync(await Fixture.OutsideAsync(id, sessionId));

        var session = await Fixture.SendAsync<GetSession.Result>(new GetSession.Query(id, sessionId));
        Assert.Collection(
            session.Participants,
            p =>
            {
                Assert.Equal("Casey Caseworker", p.Name);
                Assert.Equal("Investigator", p.Role);
                Assert.Equal(ParticipantAgency.ThisAgency, p.Agency);
                Assert.True(p.IsStaff);
            },
            p =>
            {
                Assert.Equal("Det. Ray Ortiz", p.Name);
                Assert.Equal("Detective", p.Role);
                Assert.Equal(ParticipantAgency.LawEnforcement, p.Agency);
                Assert.False(p.IsStaff);
            });
        var caseworker = await Fixture.UserIdAsync(Users.Caseworker);
        var supervisor = await Fixture.UserIdAsync(Users.Supervisor);
        Assert.DoesNotContain(session.StaffOptions, u => u.Id == caseworker);
        Assert.Contains(session.StaffOptions, u => u.Id == supervisor);
        Assert.True(session.CanRunLive);
        Assert.True(session.CanChange);
        Assert.True(session.CanChangeParticipants);
    }

    [Fact]
    public async Task Should_refuse_a_member_of_staff_who_is_already_on_the_session()
    {
        var (id, sessionId) = await SessionAsync();
        await Fixture.AddStaffAsync(id, sessionId, Users.Caseworker);

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.AddStaffAsync(id, sessionId, Users.Caseworker, "Supervisor on the case"));

        Assert.Equal(["Casey Caseworker is already a participant of this session."], ex.Errors[nameof(AddStaffParticipant.Command.UserId)]);
        Assert.Single((await Fixture.SessionAsync(sessionId)).Participants);
    }

    [Fact]
    public async Task Should_refuse_staff_of_another_jurisdiction_or_an_unknown_account()
    {
        var (id, sessionId) = await SessionAsync();
        var version = (await Fixture.SessionAsync(sessionId)).Version;
        var other = await Fixture.UserIdAsync(Users.OtherCaseworker);

        foreach (var userId in new[] { other, "no-such-user" })
        {
            var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(new AddStaffParticipant.Command
            {
                Id = id,
                SessionId = sessionId,
                Version = version,
                UserId = userId,
                Role = "Investigator",
            }));
            Assert.Equal(["Choose a member of staff from the list."], ex.Errors[nameof(AddStaffParticipant.Command.UserId)]);
        }

        Assert.Empty((await Fixture.SessionAsync(sessionId)).Participants);
    }

    [Fact]
    public async Task Should_refuse_staff_without_a_person_or_a_role()
    {
        var (id, sessionId) = await SessionAsync();
        var version = (await Fixture.SessionAsync(sessionId)).Version;

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(new AddStaffParticipant.Command
        {
            Id = id,
            SessionId = sessionId,
            Version = version,
            UserId = "",
            Role = " ",
        }));

        Assert.Equal(["Choose the member of staff."], ex.Errors[nameof(AddStaffParticipant.Command.UserId)]);
        Assert.Equal(["Enter their role in the case, for example Investigator."], ex.Errors[nameof(AddStaffParticipant.Command.Role)]);
    }

    public static TheoryData<string, string, string> InvalidOutside => new()
    {
        { "blank name", nameof(AddOutsideParticipant.Command.Name), "Enter the participant's name." },
        { "long name", nameof(AddOutsideParticipant.Command.Name), $"The name must be at most {SessionParticipant.NameMaxLength} characters." },
        { "blank role", nameof(AddOutsideParticipant.Command.Role), "Enter their role in the case, for example Investigator." },
        { "long role", nameof(AddOutsideParticipant.Command.Role), $"The role must be at most {SessionParticipant.RoleMaxLength} characters." },
        { "no agency", nameof(AddOutsideParticipant.Command.Agency), "Choose the agency they work for." },
        { "unknown agency", nameof(AddOutsideParticipant.Command.Agency), "Choose an agency from the list." },
    };

    [Theory]
    [MemberData(nameof(InvalidOutside))]
    public async Task Should_refuse_an_invalid_outside_participant(string what, string property, string message)
    {
        var (id, sessionId) = await SessionAsync();
        var command = await Fixture.OutsideAsync(id, sessionId);
        switch (what)
        {
            case "blank name": command.Name = " "; break;
            case "long name": command.Name = new string('n', SessionParticipant.NameMaxLength + 1); break;
            case "blank role": command.Role = null; break;
            case "long role": command.Role = new string('r', SessionParticipant.RoleMaxLength + 1); break;
            case "no agency": command.Agency = null; break;
            case "unknown agency": command.Agency = (ParticipantAgency)99; break;
            default: throw new ArgumentOutOfRangeException(nameof(what));
        }

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(command));

        Assert.Equal([message], ex.Errors[property]);
        Assert.Empty((await Fixture.SessionAsync(sessionId)).Participants);
    }

    [Fact]
    public async Task Should_remove_a_participant_who_has_not_agreed_to_the_ground_rules()
    {
        var (id, sessionId) = await SessionAsync();
        await Fixture.SendAsync(await Fixture.OutsideAsync(id, sessionId));
        var session = await Fixture.SessionAsync(sessionId);

        await Fixture.SendAsync(new RemoveParticipant.Command(id, sessionId, session.Participants[0].Id, session.Version));

        Assert.Empty((await Fixture.SessionAsync(sessionId)).Participants);
    }

    [Fact]
    public async Task Should_refuse_to_remove_a_participant_who_agreed_to_the_ground_rules()
    {
        var (id, sessionId) = await SessionAsync();
        await Fixture.AddStaffAsync(id, sessionId, Users.Caseworker);
        await Fixture.RunSessionAsync(id, sessionId, markHeld: false, addDecisionPoint: false);
        var session = await Fixture.SessionAsync(sessionId);

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            Fixture.SendAsync(new RemoveParticipant.Command(id, sessionId, session.Participants[0].Id, session.Version)));

        Assert.Equal("A participant who agreed to the ground rules stays on the record of the session.", ex.Message);
        Assert.Single((await Fixture.SessionAsync(sessionId)).Participants);
    }

    [Fact]
    public async Task Should_report_a_participant_change_made_on_a_stale_page()
    {
        var (id, sessionId) = await SessionAsync();
        var stale = await Fixture.OutsideAsync(id, sessionId);
        await Fixture.AddStaffAsync(id, sessionId, Users.Caseworker);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Fixture.SendAsync(stale));

        Assert.Single((await Fixture.SessionAsync(sessionId)).Participants);
    }

    [Fact]
    public async Task Should_refuse_a_caseworker_to_change_participants()
    {
        var (id, sessionId) = await SessionAsync();
        var command = await Fixture.OutsideAsync(id, sessionId);
        await Fixture.RunAsUserAsync(Users.Caseworker);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync(command));

        Assert.Empty((await Fixture.SessionAsync(sessionId)).Participants);
    }
}
