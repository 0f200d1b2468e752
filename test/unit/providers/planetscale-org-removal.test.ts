/**
 * What an organization-member removal asks PlanetScale for: the delete flags only when the change
 * carries revoke_credentials (docs/api-notes.md §2.3). A recording fake stands in for the HTTP client.
 */
import { describe, expect, it } from '@jest/globals';
import type { ApiRequest, ApiResponse, HttpClient } from '../../../src/http/http-client.js';
import type { PlanetScaleRemoveOrgMember } from '../../../src/model/plan.js';
import { applyPlanetScaleChange } from '../../../src/providers/planetscale/planetscale-apply.js';

function recordingClient(): { http: HttpClient; requests: ApiRequest[] } {
  const requests: ApiRequest[] = [];
  const http: HttpClient = {
    provider: 'planetscale',
    request<T>(request: ApiRequest): Promise<ApiResponse<T>> {
      requests.push(request);
      return Promise.resolve({ status: 204, body: undefined as T });
    },
  };
  return { http, requests };
}

const removal: PlanetScaleRemoveOrgMember = {
  provider: 'planetscale',
  organization: 'acme',
  action: 'remove',
  member: 'zoe@acme.dev',
  user_id: 'user-zoe',
  previous_role: 'member',
};

describe('removing a PlanetScale organization member', () => {
  it('sends delete_passwords=true and delete_service_tokens=true when the change revokes credentials', async () => {
    const { http, requests } = recordingClient();

    await expect(applyPlanetScaleChange(http, { ...removal, revoke_credentials: true })).resolves.toBe('applied');
    expect(requests).toEqual([
      {
        method: 'DELETE',
        path: '/v1/organizations/acme/members/user-zoe',
        searchParams: { delete_passwords: 'true', delete_service_tokens: 'true' },
      },
    ]);
  });

  it('sends no query at all otherwise: what the person created keeps working', async () => {
    const { http, requests } = recordingClient();

    await expect(applyPlanetScaleChange(http, removal)).resolves.toBe('applied');
    expect(requests).toEqual([{ method: 'DELETE', path: '/v1/organizations/acme/members/user-zoe' }]);
  });
});
