import type { Role } from '../api/types';

export const ROLE_LABELS: Record<Role, string> = {
  business_office: 'Business office',
  agency_lead: 'Agency safeguarding lead',
  agency_manager: 'Agency senior manager',
  lead_reviewer: 'Lead reviewer',
  scrutineer: 'Independent scrutineer',
  strategic_lead: 'Safeguarding partner (lead or delegate)',
};
