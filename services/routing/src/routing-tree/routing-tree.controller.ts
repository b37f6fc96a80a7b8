import { Body, Controller, Get, HttpException, HttpStatus, Put, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { RequireScope, TenantGuard, TenantRequest } from '@loops/auth';
import { validBody } from '../http/valid-body';
import { AlertTopics } from './alert-topics';
import { parseRoutingTree, RoutingTreeError } from './parse-routing-tree';
import { TreeRegistry } from './tree-registry';

export class PutRoutingTreeBody {
  @ApiProperty({ description: 'The routing tree as YAML (the same document as services/routing/config/routing.yaml)' })
  @IsString()
  @MaxLength(200_000)
  yaml!: string;
}

@ApiTags('routing-tree')
@UseGuards(TenantGuard)
@Controller('v1/routing-tree')
export class RoutingTreeController {
  constructor(
    private readonly trees: TreeRegistry,
    private readonly topics: AlertTopics,
  ) {}

  @Get()
  @RequireScope('admin')
  async current(@Req() req: TenantRequest) {
    const loaded = await this.trees.treeFor(req.principal.tenantId);
    return { version: loaded.version, source: loaded.version === 0 ? 'default' : 'tenant', yaml: loaded.yaml, history: await this.trees.history(req.principal.tenantId) };
  }

  @Put()
  @RequireScope('admin')
  @ApiBody({ type: PutRoutingTreeBody })
  @ApiResponse({ status: 200, description: 'Validated and stored as the next version; applies to new feedback within seconds' })
  @ApiResponse({ status: 400, description: 'The tree is invalid: `problems` lists every one with its path' })
  async put(@Req() req: TenantRequest, @Body() body: unknown) {
    const { yaml } = validBody(PutRoutingTreeBody, body);
    try {
      // Topics first: once stored, the tree applies to new feedback and its receivers must exist.
      await this.topics.ensureFor(parseRoutingTree(yaml));
      const loaded = await this.trees.store(req.principal.tenantId, yaml, `api-key:${req.principal.keyId}`);
      return { version: loaded.version };
    } catch (error) {
      if (error instanceof RoutingTreeError) {
        throw new HttpException({ error: 'invalid_routing_tree', problems: error.problems }, HttpStatus.BAD_REQUEST);
      }
      throw error;
    }
  }
}
