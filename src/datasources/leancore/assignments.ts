// LeanCore has no "leads of a financial entity" endpoint, so this server remembers the
// assignments made through it (process memory: lost on restart, not shared by replicas).
export class AssignmentLog {
  private readonly entityByLead = new Map<string, string>();
  private readonly ecosystemByEntity = new Map<string, string | null>();

  record(leadId: string, financialEntityId: string, ecosystem: string | null): void {
    this.entityByLead.set(leadId, financialEntityId);
    if (ecosystem || !this.ecosystemByEntity.has(financialEntityId)) {
      this.ecosystemByEntity.set(financialEntityId, ecosystem);
    }
  }

  leadIdsOf(financialEntityId: string): string[] {
    return [...this.entityByLead].filter(([, entity]) => entity === financialEntityId).map(([lead]) => lead);
  }

  ecosystemOf(financialEntityId: string): string | null {
    return this.ecosystemByEntity.get(financialEntityId) ?? null;
  }
}
